# Presenter hooks for the Practical Multicluster workshop.
#
# Each `#@hook NAME VAR` line makes NAME a shell function that runs the
# command in $DEMO_HOOK_VAR, or does nothing when that variable is unset. A
# presenter who streams the workshop points these variables at whatever
# switches the view (an OBS scene, a window manager command, ...) before
# starting stepdown:
#
#   export DEMO_HOOK_BROWSER='obs-cli scene switch Browser'
#
# Everyone else leaves them unset and the calls cost nothing. The builtin
# macros @start_livecast and @browser_then_terminal use show_slides,
# show_browser and show_terminal.

#@hook show_terminal TERMINAL
#@hook show_browser BROWSER
#@hook show_slides SLIDES

# Two extra views: the terminal and the browser side by side, to watch a
# routing change land; and the presenter alone, for the parts that are all
# talk.
#@hook show_split SPLIT
#@hook show_speaker SPEAKER

# live_edit is never called: it only switches the `#@ifhook live_edit` blocks
# on. With DEMO_HOOK_LIVE_EDIT=true the presenter changes the route weights in
# an editor (kubectl edit); the prepared file for the same step is applied
# right after, so the route always ends in the state the rest of the workshop
# expects, and `stepdown check` needs no editor at all.
#@hook live_edit LIVE_EDIT

# bat shows the manifests with colour and line numbers. Debian and Ubuntu
# install it as batcat; without either, plain cat does the job. Paging is off
# so a long file never stops the demo.
export BAT_PAGING=never
if ! command -v bat >/dev/null 2>&1; then
  if command -v batcat >/dev/null 2>&1; then
    bat () { batcat "$@"; }
  else
    bat () { cat "$@"; }
  fi
fi

# wait_for_service CONTEXT NAME waits (up to two minutes) until Service NAME
# exists in namespace faces of cluster CONTEXT. A mirrored Service appears a
# moment after its original is exported; the workshop calls this, out of
# sight, before it shows or routes to one.
wait_for_service () {
  local tries=120
  until kubectl --context "$1" get svc -n faces "$2" >/dev/null 2>&1; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "Service $2 did not appear in namespace faces of cluster $1" >&2
      return 1
    fi
    sleep 1
  done
}
