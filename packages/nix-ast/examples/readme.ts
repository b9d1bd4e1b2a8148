import { apply, attrs, bind, formals, lambda, letIn, print, ref, str } from "@atbb/nix-ast";

// A NixOS module as typed data: plain objects become sets, arrays become lists.
const module = lambda(
  formals(["config", "lib", "pkgs"], { ellipsis: true }),
  letIn(
    { cfg: ref("config.services.hello") },
    attrs([
      bind(["options", "services", "hello", "enable"], apply(ref("lib.mkEnableOption"), "hello")),
      bind(
        "config",
        apply(ref("lib.mkIf"), ref("cfg.enable"), {
          systemd: {
            services: {
              hello: {
                wantedBy: ["multi-user.target"],
                script: str`exec ${ref("pkgs.hello")}/bin/hello --greeting "\${GREETING}"`,
              },
            },
          },
        }),
      ),
    ]),
  ),
);

process.stdout.write(print(module));
