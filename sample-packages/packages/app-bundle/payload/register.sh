#!/bin/sh
# Runs in the runtime home after hello-app is unpacked: registers the app with the runtime by
# writing apps/registry/hello-app.properties. Undone by unregister.sh.
set -eu
mkdir -p apps/registry
version=$(cut -d ' ' -f 2 apps/hello-app/VERSION)
printf 'app.name=hello-app\napp.version=%s\napp.home=apps/hello-app\n' "$version" > apps/registry/hello-app.properties
echo "registered hello-app $version"
