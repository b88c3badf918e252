# Stops the workshop at once, with a list, when a tool it needs is missing
# from PATH. (localcluster is stepdown's own; stepdown puts it on the PATH of
# the shell it runs.)

missing_tools=""
for tool in docker kind k3d kubectl helm linkerd jq curl localcluster; do
  command -v "$tool" >/dev/null 2>&1 || missing_tools="$missing_tools $tool"
done
if [ -n "$missing_tools" ]; then
  echo "Missing from PATH:$missing_tools" >&2
  echo "workshop/README.md says where to get each one;" \
       "'localcluster doctor' checks the rest of the machine." >&2
  false
fi
unset missing_tools
