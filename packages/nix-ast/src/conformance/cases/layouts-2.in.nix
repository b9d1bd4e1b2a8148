{ a # about a

, b
, c ? 1 # about c

, # about d
  d
}:
let

in
{
  empty = [

  ];
  emptySet = {

  };
  withComment = [ # only a comment

  ];
  apply = existing: existing //
      # with just the name
      builtins.removeAttrs (builtins.mapAttrs (n: v: v) x) y

      # with the version
      // builtins.mapAttrs (n: v: v) z;
  imports = [
    (lib.mkRenamedOptionModule # \
      [ "programs" "rtorrent" "settings" ] # \
      [ "programs" "rtorrent" "extraConfig" ]
    )
  ];
  etc = mapAttrs' (name: { packages, ... }: {
    name = "profiles/${name}"; value = packages; }) users;
  profile = { outputs, exec, ... }@args: ''
    profile ${args.name or ""} {
    }
  '';
  outputs = inputs@{ nixpkgs, ... }: { a = 1; b = 2; };
  fonts = (lib.mkRemovedOptionModule [ "fonts" "fonts" ] ''
      This option has been renamed.

      Note that the implementation now keeps fonts in `/Library/Fonts/Nix Fonts' to allow them to coexist with fonts.'');
  missing =
    # about the call
    (filterAttrs (name: value: !value)
      # about the argument
      (removeAttrs fargs (attrNames allArgs)));
  overrides = withDefaults
    # about the overrides
    (final: prev: { a = prev.a.override { x = true; }; b = 2; });
  config = "${ # about the string
    ''
      echo hi
    ''}";
}
