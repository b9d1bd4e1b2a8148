{
  text = /* bash */ ''
    echo hi
  '';
  b = [ /* lua */ "x" ];
  c = f /* sh */ "y";
  d =
   # doc
   /* sh */
   "z";
  e = /* not a language! */ "w";
  f = /* too long for a language name, really */ "v";
}
