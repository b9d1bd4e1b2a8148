{ pkgs, x }:
{
  dollars = "$$OPENER $f";   double-dollar = "$${x} and \$${x}";
  needless = "[-\.0-9a-zA-Z]+ \$HOME \d";
  tab = "a	b";   escapedTab = "a\tb";
  multi = "
      first line
        second line
    ";
  withInterp = "pre
  ${x}
post";
  ind = ''
    keep ''$HOME and $HOME
    ''${x} and ''\t and 	raw tab
      deeper  
  '';
  oneLine = ''a''$b'''c'';
  oneLineQuote = ''say "hi"'';
  oneLineEscape = ''a''\tb'';
  spaces = ''
    a
          
    b
  '';
  name."a\.b" = 1;
}
