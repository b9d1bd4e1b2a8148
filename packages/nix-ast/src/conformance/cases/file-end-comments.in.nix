# Header
{ a = 1; } # on the last line


# after the expression
/* and a block
   comment */
