/**
 * `@atbb/deploy`: the atBB forum's Nix flake, package and NixOS module as typed data.
 *
 * @packageDocumentation
 */
export { generate, generateExprs, GENERATED_PATHS, type GeneratedFile } from "./generate.js";
export { flakeExpr } from "./flake.js";
export { packageExpr, hashExpr } from "./package.js";
export {
  CONFIG_PATH,
  readConfig,
  writeConfig,
  writeFileAtomic,
  writeFilesAtomic,
  type DeployConfig,
} from "./config.js";
export { unifiedDiff } from "./diff.js";
export { main, REPOSITORY_ROOT, type CliIo } from "./cli.js";
export { moduleExpr } from "./module.js";
export {
  defaultOptions,
  resolveOptions,
  isSriHash,
  type DeployOptions,
  type NixSystem,
} from "./options.js";
export {
  HARDENING,
  unitSpecs,
  renderUnitFile,
  renderUnitFiles,
  sampleValues,
  effectiveDirectives,
  type UnitSpec,
  type UnitName,
  type Directive,
  type ServiceDirectives,
} from "./units.js";
export type { AtbbConfig, ModuleValues, Sym } from "./sym.js";
