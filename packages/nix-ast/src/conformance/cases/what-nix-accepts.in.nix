let
  or = x: y: x || y;
  ${"dyn"} = 1;
  inherit (builtins) map;
in
{
  config.lib.x = 1;
  config = { boot.a = 1; boot.b = 2; };
  a = rec { b = c + 1; d = 2; };
  a.c = d + 3;
  e.or = 1;
  f = e.or;
  inherit or;
  g = map or [];
  h = (fold or [] [true false]);
  i = { inherit (x) or; };
  j = x.or or 1;
  k = let { body = 1; };
  l = https://example.com;
}
