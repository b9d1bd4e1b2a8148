{
  lib,
  expectedClass,
  name,
}:
{
  # Comments and blank lines before the `}` of an interpolation stay inside it.
  hint = ''
    Perhaps you meant
        ${lib.warn "inputs.someflake"}${
          if expectedClass == null then
            lib.good ".modules.someApp.default"
          else
            lib.good ".modules.${expectedClass}.default"

        }
  '';
  url = "http://example.org/${
    name # the repository
  }/archive";
  script = ''
    echo ${
      lib.escapeShellArg name
      # quoted for the shell
    }
    ${[ 1 ] # a list
    }
    echo ${lib.name # a selection is simple, its comment and all
    } > out
  '';
  greeting = "${
    # before
    name
  }!";
  ${
    name # a dynamic name
  } =
    true;
}
