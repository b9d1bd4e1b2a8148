# The seed plan's module (seed/nixos-flake-plan.md) as the official formatter lays it out:
# a test fixture, to show what the generated module corrects.
self:
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.services.atbb;
  nodejs = pkgs.nodejs_22;
in
{
  options.services.atbb = {
    enable = lib.mkEnableOption "atBB forum";

    package = lib.mkOption {
      type = lib.types.package;
      default = self.packages.${pkgs.system}.default;
      defaultText = lib.literalExpression "self.packages.\${pkgs.system}.default";
      description = "The atBB package to use.";
    };

    domain = lib.mkOption {
      type = lib.types.str;
      description = "Domain name for the forum (e.g., forum.example.com).";
    };

    enableNginx = lib.mkOption {
      type = lib.types.bool;
      default = true;
      description = "Whether to configure nginx as a reverse proxy.";
    };

    enableACME = lib.mkOption {
      type = lib.types.bool;
      default = true;
      description = "Whether to enable ACME (Let's Encrypt) for TLS.";
    };

    oauthPublicUrl = lib.mkOption {
      type = lib.types.str;
      default = "https://${cfg.domain}";
      defaultText = lib.literalExpression ''"https://\${cfg.domain}"'';
      description = "Public URL for OAuth client metadata. Defaults to https://<domain>.";
    };

    forumDid = lib.mkOption {
      type = lib.types.str;
      description = "The forum's AT Protocol DID.";
    };

    pdsUrl = lib.mkOption {
      type = lib.types.str;
      description = "URL of the forum's PDS.";
    };

    environmentFile = lib.mkOption {
      type = lib.types.path;
      description = ''
        Path to an environment file containing secrets.
        Must define: DATABASE_URL, SESSION_SECRET, FORUM_HANDLE, FORUM_PASSWORD.
        When database.enable = true, DATABASE_URL should be:
          postgres:///atbb?host=/run/postgresql (peer auth via Unix socket)
      '';
    };

    database = {
      enable = lib.mkOption {
        type = lib.types.bool;
        default = true;
        description = "Whether to configure a local PostgreSQL 17 instance.";
      };

      name = lib.mkOption {
        type = lib.types.str;
        default = "atbb";
        description = "Name of the PostgreSQL database.";
      };
    };

    appviewPort = lib.mkOption {
      type = lib.types.port;
      default = 3000;
      description = "Port for the appview API server (internal, behind nginx).";
    };

    webPort = lib.mkOption {
      type = lib.types.port;
      default = 3001;
      description = "Port for the web UI server (internal, behind nginx).";
    };

    seedDefaultRoles = lib.mkOption {
      type = lib.types.bool;
      default = true;
      description = "Whether to seed default roles on appview startup.";
    };

    autoMigrate = lib.mkOption {
      type = lib.types.bool;
      default = false;
      description = ''
        Whether to automatically run database migrations before starting appview.
        When false, run migrations manually: systemctl start atbb-migrate
      '';
    };

    user = lib.mkOption {
      type = lib.types.str;
      default = "atbb";
      description = "System user to run atBB services.";
    };

    group = lib.mkOption {
      type = lib.types.str;
      default = "atbb";
      description = "System group to run atBB services.";
    };
  };

  config = lib.mkIf cfg.enable {
    # ── System user ──────────────────────────────────────────────
    users.users.${cfg.user} = {
      isSystemUser = true;
      group = cfg.group;
      description = "atBB service user";
    };
    users.groups.${cfg.group} = { };

    # ── PostgreSQL ───────────────────────────────────────────────
    services.postgresql = lib.mkIf cfg.database.enable {
      enable = true;
      package = pkgs.postgresql_17;
      ensureDatabases = [ cfg.database.name ];
      ensureUsers = [
        {
          name = cfg.user;
          ensureDBOwnership = true;
        }
      ];
    };

    # ── Database migration (oneshot) ─────────────────────────────
    systemd.services.atbb-migrate = {
      description = "atBB database migration";
      after = [ "network.target" ] ++ lib.optional cfg.database.enable "postgresql.service";
      requires = lib.optional cfg.database.enable "postgresql.service";
      serviceConfig = {
        Type = "oneshot";
        User = cfg.user;
        Group = cfg.group;
        WorkingDirectory = "${cfg.package}/apps/appview";
        ExecStart = "${nodejs}/bin/node ${cfg.package}/apps/appview/node_modules/.bin/drizzle-kit migrate";
        EnvironmentFile = cfg.environmentFile;
        RemainAfterExit = true;
        # Hardening
        NoNewPrivileges = true;
        ProtectSystem = "strict";
        ProtectHome = true;
        PrivateTmp = true;
        PrivateDevices = true;
      };
    };

    # ── AppView API server ───────────────────────────────────────
    systemd.services.atbb-appview = {
      description = "atBB AppView API server";
      after = [
        "network.target"
      ]
      ++ lib.optional cfg.database.enable "postgresql.service"
      ++ lib.optional cfg.autoMigrate "atbb-migrate.service";
      requires =
        lib.optionals cfg.database.enable [ "postgresql.service" ]
        ++ lib.optional cfg.autoMigrate "atbb-migrate.service";
      wantedBy = [ "multi-user.target" ];
      environment = {
        NODE_ENV = "production";
        PORT = toString cfg.appviewPort;
        FORUM_DID = cfg.forumDid;
        PDS_URL = cfg.pdsUrl;
        OAUTH_PUBLIC_URL = cfg.oauthPublicUrl;
        SEED_DEFAULT_ROLES = lib.boolToString cfg.seedDefaultRoles;
      };
      serviceConfig = {
        Type = "simple";
        User = cfg.user;
        Group = cfg.group;
        WorkingDirectory = "${cfg.package}/apps/appview";
        ExecStart = "${nodejs}/bin/node ${cfg.package}/apps/appview/dist/index.js";
        EnvironmentFile = cfg.environmentFile;
        Restart = "on-failure";
        RestartSec = 5;
        # Hardening
        NoNewPrivileges = true;
        ProtectSystem = "strict";
        ProtectHome = true;
        PrivateTmp = true;
        PrivateDevices = true;
        ProtectKernelTunables = true;
        ProtectKernelModules = true;
        ProtectControlGroups = true;
        RestrictSUIDSGID = true;
      };
    };

    # ── Web UI server ────────────────────────────────────────────
    systemd.services.atbb-web = {
      description = "atBB Web UI server";
      after = [ "atbb-appview.service" ];
      wantedBy = [ "multi-user.target" ];
      environment = {
        NODE_ENV = "production";
        WEB_PORT = toString cfg.webPort;
        APPVIEW_URL = "http://localhost:${toString cfg.appviewPort}";
      };
      serviceConfig = {
        Type = "simple";
        User = cfg.user;
        Group = cfg.group;
        WorkingDirectory = "${cfg.package}/apps/web";
        ExecStart = "${nodejs}/bin/node ${cfg.package}/apps/web/dist/index.js";
        Restart = "on-failure";
        RestartSec = 5;
        # Hardening
        NoNewPrivileges = true;
        ProtectSystem = "strict";
        ProtectHome = true;
        PrivateTmp = true;
        PrivateDevices = true;
        ProtectKernelTunables = true;
        ProtectKernelModules = true;
        ProtectControlGroups = true;
        RestrictSUIDSGID = true;
      };
    };

    # ── Nginx reverse proxy ──────────────────────────────────────
    services.nginx = lib.mkIf cfg.enableNginx {
      enable = true;
      recommendedProxySettings = true;
      recommendedTlsSettings = true;
      recommendedOptimisation = true;
      virtualHosts.${cfg.domain} = {
        forceSSL = cfg.enableACME;
        enableACME = cfg.enableACME;
        locations."/.well-known/" = {
          proxyPass = "http://127.0.0.1:${toString cfg.appviewPort}";
          recommendedProxySettings = true;
        };
        locations."/api/" = {
          proxyPass = "http://127.0.0.1:${toString cfg.appviewPort}";
          recommendedProxySettings = true;
        };
        locations."/" = {
          proxyPass = "http://127.0.0.1:${toString cfg.webPort}";
          recommendedProxySettings = true;
        };
      };
    };
  };
}
