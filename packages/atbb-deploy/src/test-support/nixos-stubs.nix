# Stand-in declarations for the NixOS options that nix/module.nix sets, so that the
# module evaluates with lib.evalModules and nixpkgs' lib alone (no NixOS at hand).
# Each option the module sets is declared with the type NixOS gives it (no free-form
# sets: a misspelled option fails), and PostgreSQL's own ensureDBOwnership assertion
# is restated as NixOS words it.
{ config, lib, ... }:
let
  inherit (lib) mkOption types;
  listOfStr = mkOption {
    type = types.listOf types.str;
    default = [ ];
  };
  enable = mkOption {
    type = types.bool;
    default = false;
  };
  bool = mkOption {
    type = types.bool;
    default = false;
  };
  submodule =
    options:
    mkOption {
      type = types.submodule { inherit options; };
      default = { };
    };
  location = types.submodule {
    options = {
      proxyPass = mkOption {
        type = types.nullOr types.str;
        default = null;
      };
      recommendedProxySettings = bool;
    };
  };
  virtualHost = types.submodule {
    options = {
      forceSSL = bool;
      enableACME = bool;
      locations = mkOption {
        type = types.attrsOf location;
        default = { };
      };
    };
  };
  ensureUser = types.submodule {
    options = {
      name = mkOption { type = types.str; };
      ensureDBOwnership = bool;
    };
  };
  postgresql = config.services.postgresql;
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
    services.postgresql = {
      inherit enable;
      package = mkOption {
        type = types.nullOr types.package;
        default = null;
      };
      ensureDatabases = listOfStr;
      ensureUsers = mkOption {
        type = types.listOf ensureUser;
        default = [ ];
      };
    };
    services.nginx = {
      inherit enable;
      recommendedProxySettings = bool;
      recommendedTlsSettings = bool;
      recommendedOptimisation = bool;
      virtualHosts = mkOption {
        type = types.attrsOf virtualHost;
        default = { };
      };
    };
    security.acme = {
      acceptTerms = bool;
      defaults = submodule {
        email = mkOption {
          type = types.nullOr types.str;
          default = null;
        };
      };
    };
  };

  # as the NixOS PostgreSQL module asserts it
  config.assertions = map (user: {
    assertion = builtins.elem user.name postgresql.ensureDatabases;
    message = "services.postgresql.ensureUsers: ${user.name} has ensureDBOwnership but no database of that name in ensureDatabases";
  }) (lib.filter (user: user.ensureDBOwnership) postgresql.ensureUsers);
}
