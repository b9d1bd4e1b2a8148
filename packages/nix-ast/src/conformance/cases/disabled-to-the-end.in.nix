let
  x   = 1;
  /*nixfmt:disable*/
  y  = 2;
in x
