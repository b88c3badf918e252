# Stops the workshop at once, with a list, when a tool it needs is missing
# from PATH or too old. (localcluster is stepdown's own; stepdown puts it on
# the PATH of the shell it runs.) `localcluster doctor --tools` checks the
# cluster tools and their versions against what the cluster definitions next
# to this workshop use; the network and the machine come later, in setup.md.

missing_tools=""
for tool in docker jq curl localcluster; do
  command -v "$tool" >/dev/null 2>&1 || missing_tools="$missing_tools $tool"
done
if [ -n "$missing_tools" ]; then
  echo "Missing from PATH:$missing_tools" >&2
  echo "workshop/README.md says where to get each one." >&2
  false
fi
unset missing_tools

# stepdown sets $0 to the workshop file; its clusters/ is one folder up.
if ! localcluster doctor --tools "$(dirname "$0")/../clusters"; then
  echo "Install or upgrade the tools marked ✖ above (workshop/README.md lists the versions)." >&2
  false
fi
