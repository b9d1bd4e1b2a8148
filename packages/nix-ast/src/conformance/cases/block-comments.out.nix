# A comment with blank lines around it.
{
  /*
    Starred lines, lined up
    under the opening star.

    A blank starred line above.
  */
  a = 1;
  /**
    Doc comment
    * with stars
  */
  b = 2;
  # one line
  c = 3;
  d = # after code
    4;
  e = {
    /*
      first
      second
        third
    */
    x = 1;
  };
  f = 5;
  g = 6; # tight
  #own line tight
}
