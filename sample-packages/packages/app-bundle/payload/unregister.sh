#!/bin/sh
# The undo of register.sh: removes the registration (and the registry directory when empty).
set -eu
rm -f apps/registry/hello-app.properties
rmdir apps/registry 2>/dev/null || true
echo "unregistered hello-app"
