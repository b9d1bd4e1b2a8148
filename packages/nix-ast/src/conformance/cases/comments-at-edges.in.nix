{ lib, name, ... }:
let
  # An empty set after comments or a blank line is laid out as a full one.
  emptyAfterComment =
    # nothing yet
    {};
  emptyInList = [
    # one
    {}

    {}
  ];
  emptyBody = x:

    {};
  emptyAfterWith = with lib; # all of it
    {};
  # After comments, `a ++ [` still opens its list on one line.
  makeFlags =
    # Based on the vendor's options
    lib.makeFlags ++ [ "PLATFORM=generic" "FW_PIC=y" ];
  settings = # inline
    lib.defaults // { port = 1; };
  # Comments before `or` stay before it.
  sourceSpec = (lib.normalize lib.dependencies).${name} # Poetry 1.2.0+
    or { };
  fallback = lib.x.y
    # the default

    or null;
  # Comments before the last operand of `+` do not keep it from being absorbed.
  preConfigure = lib.preConfigure or "" +
    # Update the version file.
    ''
      chmod u+w ./.version
      echo 1 > ./.version
    '';
  # A blank line after a comment that moves stays where it was.
  joined = "a" + # first

    "b";
  chosen = if lib.enable then 1 else # otherwise

    2;
  # A comment before the `.` of a selection stays there.
  project = (lib.projectFunction lib.haskell-nix lib.projectModule)
    # Re-apply the overlay of the original project:
    .extend lib.overlay;
  # A comment before the `;` ends the value's line.
  port = 8080 # the default
  ;
  name = "atbb" /* why */ ;
  # The width counts the space before a trailing comment.
  longOptionDescription = lib.mkOption { type = lib.types.str; default = "a value"; }; # trailing comment here
  fits = lib.mkOption { type = lib.types.str; default = "value"; }; # short
in
{
  inherit joined chosen preConfigure project makeFlags settings sourceSpec fallback emptyAfterComment emptyInList emptyBody emptyAfterWith port name longOptionDescription fits;
}
