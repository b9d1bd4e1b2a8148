{
  a = f x /* x */ # y
    b;
  b = [ (f /* a */ /* b */ x) (g /* c */ # d
    y) ];
  c = { # lines up with the next comment
        # so it starts the first binding's comments
    x = 1; y = 2; };
  d = [ # lines up with the item
    1 2 ];
  e = [ # not lined up
      1 2 ];
  inherit ( # about the source
    x) f;
  # before the source
  inherit
    # here
    (x) g;
}
