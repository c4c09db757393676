content of scripts/teardown.sh
