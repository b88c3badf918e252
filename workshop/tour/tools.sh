# tools.sh: imported at the top of tour.md with
# <!-- @import tour/tools.sh -->.
#
# A file whose name does not end in .md is imported as a shell script: its
# commands run, lines starting with #@ are directives, and the other comment
# lines (like these) are commentary. Everything here is defined before the
# tour's @SHOW, so none of it is shown; the tour uses it later.

# A hook: `chime` becomes a shell function that runs the command in
# $DEMO_HOOK_CHIME, or does nothing at all when that variable is unset or
# empty. Presenters use hooks to switch scenes in a live stream.
#@hook chime CHIME

# A macro: a named list of steps, played wherever the tour writes
# <!-- @tally -->. A macro's body starts hidden, so it switches to @SHOW
# itself; @immed then runs the command without typing it or waiting.
#@macro tally
#@SHOW
#@immed
echo "The scratch folder now holds: $(ls -A | tr '\n' ' ')"
#@end
