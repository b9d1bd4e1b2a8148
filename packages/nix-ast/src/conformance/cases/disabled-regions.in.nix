{
  a    = 1;
  /*nixfmt:disable*/
  b   =   [ 1
     2 ];
  c = {x=1;};
  /*nixfmt:enable*/
  d    = 2;
  e = [ 1 2
    /* nixfmt:disable */
    3 4 ];
  f = x: /*nixfmt:disable*/
    x;
  g = [
    1
    /*nixfmt:disable*/
      2   3
    /*nixfmt:enable*/
    4
  ];
  /*nixfmt:enable*/
  h = 1;
  /*nixfmt:disable*/
  i = {   };
}
