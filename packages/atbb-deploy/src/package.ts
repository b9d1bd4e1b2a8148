/**
 * `nix/package.nix`: the whole atBB monorepo built with pnpm, as nixpkgs builds pnpm
 * workspaces today (`fetchPnpmDeps` + `pnpmConfigHook`, pnpm pinned, `fetcherVersion`
 * set), with an `atbb` command for `atbb init`.
 *
 * @packageDocumentation
 */
import {
  apply,
  attrs,
  bind,
  comment,
  formals,
  indented,
  inheritFrom,
  lambda,
  list,
  path,
  ref,
  select,
  str,
  strParts,
  type Expr,
  type Lambda,
} from "@atbb/nix-ast";
import type { DeployOptions } from "./options.js";

/** The hash expression: the recorded SRI hash, or `lib.fakeHash`. */
export function hashExpr(o: DeployOptions): Expr {
  return o.pnpmDepsHash === null ? ref("lib.fakeHash") : str(o.pnpmDepsHash);
}

function phase(name: string, lines: readonly string[]): Expr {
  return indented([`runHook pre${name}`, ...lines, `runHook post${name}`, ""].join("\n"));
}

/** The shell lines of the install phase, before the `atbb` wrapper. */
function installLines(o: DeployOptions): string[] {
  return [
    "mkdir -p $out",
    "",
    "# Workspace config",
    "cp package.json pnpm-lock.yaml pnpm-workspace.yaml $out/",
    "# Root node_modules (pnpm virtual store; its symlinks point into the fetched store)",
    "cp -r node_modules $out/",
    "# Each workspace package: package.json, dist/ and its node_modules symlinks",
    `for pkg in ${o.workspacePackages.join(" ")}; do`,
    '  mkdir -p "$out/$pkg"',
    '  cp "$pkg/package.json" "$out/$pkg/"',
    '  if [ -d "$pkg/dist" ]; then cp -r "$pkg/dist" "$out/$pkg/"; fi',
    '  if [ -d "$pkg/node_modules" ]; then cp -r "$pkg/node_modules" "$out/$pkg/"; fi',
    "done",
    "",
    "# Drizzle migrations and config (for drizzle-kit migrate at deploy time)",
    "cp -r apps/appview/drizzle $out/apps/appview/",
    "cp apps/appview/drizzle.config.ts $out/apps/appview/",
    "# Web static assets (CSS, favicon; served by hono serveStatic)",
    "cp -r apps/web/public $out/apps/web/",
    "",
  ];
}

/** The install phase: the copies, then the `atbb` command wrapping the CLI with Node.js. */
function installPhase(o: DeployOptions): Expr {
  return strParts(
    [
      ["runHook preInstall", ...installLines(o)].join("\n"),
      `\n# The \`${o.cliName}\` command (\`${o.cliName} init\` creates the forum and its owner)\n`,
      "makeWrapper ",
      ref(o.nodejs),
      `/bin/node $out/bin/${o.cliName} \\\n  --add-flags $out/${o.cliEntry}\n`,
      "runHook postInstall\n",
    ],
    "indented",
  );
}

/** The package as an expression: a function of its nixpkgs inputs (without the header). */
export function packageExpr(o: DeployOptions): Lambda {
  const fetchDeps = apply(
    ref("fetchPnpmDeps"),
    attrs([
      inheritFrom(ref("finalAttrs"), ["pname", "version", "src"]),
      bind("pnpm", ref(o.pnpm)),
      bind("fetcherVersion", o.fetcherVersion),
      bind("hash", hashExpr(o), {
        leading:
          o.pnpmDepsHash === null
            ? [
                comment("lib.fakeHash until the first build prints the real hash; record it with"),
                comment("`pnpm build:nix --hash sha256-...` (kept in nix/atbb-deploy.json)."),
              ]
            : [comment("Recorded in nix/atbb-deploy.json (`pnpm build:nix --hash sha256-...`).")],
      }),
    ]),
  );
  const source = apply(
    ref("lib.fileset.toSource"),
    attrs([
      bind("root", path("../.")),
      bind(
        "fileset",
        apply(ref("lib.fileset.unions"), list(o.sourceFiles.map((f) => path(`../${f}`)))),
      ),
    ]),
  );
  const derivation = attrs([
    bind("pname", o.pname),
    bind("version", o.version),
    bind("src", source, { blankLineBefore: true }),
    bind("pnpmDeps", fetchDeps, { blankLineBefore: true }),
    bind(
      "nativeBuildInputs",
      list([ref(o.nodejs), ref(o.pnpm), ref("pnpmConfigHook"), ref("makeWrapper"), ref("bash")]),
      { blankLineBefore: true },
    ),
    bind("buildPhase", phase("Build", [o.buildCommand]), { blankLineBefore: true }),
    bind("installPhase", installPhase(o), { blankLineBefore: true }),
    bind(
      "meta",
      attrs([
        bind("description", o.description),
        bind("license", select(ref("lib.licenses"), [o.license])),
        bind("platforms", list(o.systems)),
        bind("mainProgram", o.cliName),
      ]),
      { blankLineBefore: true },
    ),
  ]);
  return lambda(
    formals([
      "lib",
      "stdenv",
      o.nodejs,
      o.pnpm,
      "fetchPnpmDeps",
      "pnpmConfigHook",
      "makeWrapper",
      "bash",
    ]),
    apply(ref("stdenv.mkDerivation"), lambda("finalAttrs", derivation)),
  );
}
