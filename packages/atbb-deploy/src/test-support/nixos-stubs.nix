# Stand-in declarations for the NixOS options that nix/module.nix sets, so that the
# module evaluates with lib.evalModules and nixpkgs' lib alone (no NixOS at hand).
# Units and users are typed as NixOS types them; the rest take any value.
{ lib, ... }:
let
  inherit (lib) mkOption types;
  listOfStr = mkOption {
    type = types.listOf types.str;
    default = [ ];
  };
  anyAttrs = mkOption {
    type = types.attrsOf types.anything;
    default = { };
  };
  service = types.submodule {
    options = {
      description = mkOption { type = types.str; };
      after = listOfStr;
      requires = listOfStr;
      wantedBy = listOfStr;
      environment = mkOption {
        type = types.attrsOf types.str;
        default = { };
      };
      serviceConfig = mkOption {
        type = types.attrsOf (
          types.oneOf [
            types.bool
            types.int
            types.str
            (types.listOf types.str)
          ]
        );
        default = { };
      };
    };
  };
  assertion = types.submodule {
    options = {
      assertion = mkOption { type = types.bool; };
      message = mkOption { type = types.str; };
    };
  };
  user = types.submodule {
    options = {
      isSystemUser = mkOption {
        type = types.bool;
        default = false;
      };
      group = mkOption { type = types.str; };
      description = mkOption {
        type = types.str;
        default = "";
      };
    };
  };
in
{
  options = {
    assertions = mkOption {
      type = types.listOf assertion;
      default = [ ];
    };
    warnings = listOfStr;
    users.users = mkOption {
      type = types.attrsOf user;
      default = { };
    };
    users.groups = mkOption {
      type = types.attrsOf (types.submodule { });
      default = { };
    };
    systemd.services = mkOption {
      type = types.attrsOf service;
      default = { };
    };
    services.postgresql = anyAttrs;
    services.nginx = anyAttrs;
    security.acme = anyAttrs;
  };
}
