{ lib
, stdenv

, openssl
, profile ? "x"
, # This should be kept
  # in sync
  foo
, bar ? 1 # trailing
,
  ...
}:
{ a,

  b,
  ...
}:
1
