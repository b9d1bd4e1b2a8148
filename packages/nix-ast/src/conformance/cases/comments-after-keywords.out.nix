{
  a = [
    # c1
    1
    2
  ];
  b = {
    # c2
    x = 1;
    y = 2;
  };
  c = f (
    # c3
    x
  );
  d = "${
    # c4
    x
  }";
  e =
    if a then
      b
    # c5
    else
      d;
  f =
    let
      x = 1;
    in
    # c6
    x;
  g =
    # c7
    if a then b else c;
  h =
    a
    # c8
    + b;
  i =
    # c9
    (x) y;
  j = # c10
    1;
  k =
    if a then # c11
      b
    else
      c;
  l =
    a: # c12
    a;
  m =
    assert a; # why
    b;
  n =
    {
      pkgs, # c13
      lib,
    }:
    1;
}
