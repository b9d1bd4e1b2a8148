/**
 * A second consumer of `@atbb/nix-ast`: the NixOS module of "tally", a small poll server
 * (a Python web app behind nginx, with PostgreSQL, a secrets file, socket activation,
 * a nightly backup timer and state directories), generated as nixpkgs would write it.
 *
 * `pnpm example:tally` prints it; `src/examples.nix.test.ts` evaluates it with nixpkgs' lib.
 */
import { apply, attrs, bind, dotted, dynamic, op, print, ref, str, type Expr } from "@atbb/nix-ast";
import {
  getExe,
  hardening,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOption,
  mkPackageOption,
  mkRenamedOptionModule,
  nixosModule,
  systemdService,
  systemdSocket,
  systemdTimer,
  tmpfilesRule,
  types,
} from "@atbb/nix-ast/nixos";

const cfg = (path: string): Expr => ref(`cfg.${path}`);

/** The options of `services.tally`. */
const options = {
  enable: mkEnableOption("tally, a small poll server"),
  package: mkPackageOption(ref("pkgs"), "tally"),
  listenAddress: mkOption({
    type: types.str,
    default: "127.0.0.1",
    description: "Address the socket listens on.",
  }),
  port: mkOption({ type: types.port, default: 8090, description: "Port of the socket." }),
  secretsFile: mkOption({
    type: types.pathWith({ inStore: false, absolute: true }),
    description: "File with TALLY_SECRET_KEY=..., read by systemd (never copied to the store).",
  }),
  domain: mkOption({
    type: types.nullOr(types.str),
    default: null,
    description: "Serve tally on this domain through nginx.",
  }),
  database: {
    createLocally: mkEnableOption("a local PostgreSQL database", { default: true }),
  },
  backup: {
    enable: mkEnableOption("a nightly database backup", { default: true }),
    schedule: mkOption({
      type: types.str,
      default: "*-*-* 03:00:00",
      description: "When to back up (systemd calendar event).",
    }),
  },
  polls: mkOption({
    type: types.attrsOf(
      types.submodule({
        options: {
          title: mkOption({ type: types.str }),
          choices: mkOption({ type: types.listOf(types.str), default: ["yes", "no"] }),
        },
      }),
    ),
    default: {},
    description: "Polls created at start.",
  }),
};

const stateDir = "/var/lib/tally";
const port = apply(ref("toString"), cfg("port"));

/** The socket, the service it starts, the system user and the state directory. */
const server = [
  bind(["users", "users", "tally"], { isSystemUser: true, group: "tally", home: stateDir }),
  bind(["users", "groups", "tally"], {}),
  bind(
    ["systemd", "sockets", "tally"],
    systemdSocket({ listenStreams: [str`${cfg("listenAddress")}:${port}`] }),
  ),
  bind(
    ["systemd", "services", "tally"],
    systemdService({
      description: "tally poll server",
      after: ["network.target", "postgresql.service"],
      requires: ["tally.socket"],
      environment: {
        TALLY_STATE_DIR: stateDir,
        TALLY_POLLS: apply(ref("builtins.toJSON"), cfg("polls")),
      },
      serviceConfig: {
        ExecStart: str`${getExe(cfg("package"))} --socket-activated`,
        EnvironmentFile: cfg("secretsFile"),
        User: "tally",
        Group: "tally",
        StateDirectory: "tally",
        ...hardening.networkService,
      },
    }),
  ),
  bind(
    ["systemd", "tmpfiles", "rules"],
    [
      tmpfilesRule({ type: "d", path: stateDir, mode: "0750", user: "tally", group: "tally" }),
      tmpfilesRule({
        type: "d",
        path: `${stateDir}/backups`,
        mode: "0700",
        user: "tally",
        group: "tally",
        age: "30d",
      }),
    ],
  ),
];

/** A local database, owned by the service's user. */
const database = dotted({
  services: {
    postgresql: {
      enable: true,
      ensureDatabases: ["tally"],
      ensureUsers: [{ name: "tally", ensureDBOwnership: true }],
    },
  },
});

/** A nightly `pg_dump` into the state directory. */
const backup = attrs([
  bind(
    ["systemd", "timers", "tally-backup"],
    systemdTimer({ timerConfig: { OnCalendar: cfg("backup.schedule"), Persistent: true } }),
  ),
  bind(
    ["systemd", "services", "tally-backup"],
    systemdService({
      description: "tally database backup",
      after: ["postgresql.service"],
      script: str`${ref("config.services.postgresql.package")}/bin/pg_dump tally > ${stateDir}/backups/tally-$(date +%F).sql`,
      serviceConfig: { Type: "oneshot", User: "tally" },
    }),
  ),
]);

/** nginx in front of the socket, for a domain. */
const proxy = attrs([
  bind(["services", "nginx", "enable"], true),
  bind(
    ["services", "nginx", "virtualHosts", dynamic(cfg("domain"))],
    dotted({ locations: { "/": { proxyPass: str`http://${cfg("listenAddress")}:${port}` } } }),
  ),
]);

/** The module, as nixpkgs lays one out. */
export const tallyModule = nixosModule({
  inheritLib: "auto",
  let: { cfg: ref("config.services.tally") },
  imports: [
    mkRenamedOptionModule(["services", "tally", "address"], ["services", "tally", "listenAddress"]),
  ],
  optionsPath: "services.tally",
  options,
  config: mkIf(
    cfg("enable"),
    mkMerge([
      attrs(server),
      mkIf(cfg("database.createLocally"), database),
      mkIf(cfg("backup.enable"), backup),
      mkIf(op(cfg("domain"), "!=", null), proxy),
    ]),
  ),
});

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(print(tallyModule));
