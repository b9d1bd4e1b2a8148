{ lib, ... }:
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
  # A comment before the `;` ends the value's line.
  port = 8080 # the default
  ;
  name = "atbb" /* why */ ;
  # The width counts the space before a trailing comment.
  longOptionDescription = lib.mkOption { type = lib.types.str; default = "a value"; }; # trailing comment here
  fits = lib.mkOption { type = lib.types.str; default = "value"; }; # short
in
{
  inherit emptyAfterComment emptyInList emptyBody emptyAfterWith port name longOptionDescription fits;
}
