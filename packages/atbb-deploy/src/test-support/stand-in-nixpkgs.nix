# A small stand-in for nixpkgs: just what the generated nix/package.nix takes, shaped
# as nixpkgs has it today, over nixpkgs' real lib (lib.fileset, lib.fix, lib.licenses).
# Nothing here builds: tests only instantiate (drvPath).
{ lib }:
let
  system = "x86_64-linux";
  stub =
    name: extra:
    derivation (
      {
        inherit name system;
        builder = "/bin/sh";
        args = [
          "-c"
          "echo stand-in > $out"
        ];
      }
      // extra
    );
  isSri = h: builtins.match "sha256-[A-Za-z0-9+/]{43}=" h != null;
  pkgs = {
    inherit lib;
    stdenv = {
      hostPlatform = { inherit system; };
      # mkDerivation (finalAttrs: { ... }): attributes become the derivation's
      # environment, as in nixpkgs (meta and passthru stay out of it).
      mkDerivation =
        fn:
        let
          attrs = if builtins.isFunction fn then lib.fix fn else fn;
          env = removeAttrs attrs [
            "meta"
            "passthru"
          ];
          drv = stub "${attrs.pname}-${attrs.version}" env;
        in
        drv // { meta = attrs.meta or { }; };
    };
    # Today's pnpm fetcher: top-level, pnpm passed explicitly, fetcherVersion required.
    fetchPnpmDeps =
      {
        pname,
        version,
        src,
        pnpm,
        hash,
        fetcherVersion ? throw "fetchPnpmDeps: fetcherVersion is not set",
        ...
      }:
      assert lib.assertMsg (builtins.elem fetcherVersion [
        1
        2
        3
      ]) "fetchPnpmDeps: unknown fetcherVersion ${toString fetcherVersion}";
      assert lib.assertMsg (isSri hash) "fetchPnpmDeps: hash must be a sha256 SRI hash";
      derivation {
        name = "${pname}-pnpm-deps";
        inherit system src;
        builder = "/bin/sh";
        args = [
          "-c"
          "exit 1"
        ];
        pnpmVersion = pnpm.version;
        inherit fetcherVersion;
        outputHash = hash;
        outputHashMode = "recursive";
      };
    pnpmConfigHook = stub "pnpm-config-hook" { };
    pnpm_9 = stub "pnpm-9.15.9" { } // {
      version = "9.15.9";
    };
    nodejs_22 = stub "nodejs-22.12.0" { } // {
      version = "22.12.0";
    };
    makeWrapper = stub "make-wrapper-hook" { };
    bash = stub "bash-5.2" { };
    postgresql_17 = stub "postgresql-17.2" { };
    callPackage =
      fn: args:
      let
        f = if builtins.isFunction fn then fn else import fn;
      in
      f (builtins.intersectAttrs (builtins.functionArgs f) pkgs // args);
  };
in
pkgs
