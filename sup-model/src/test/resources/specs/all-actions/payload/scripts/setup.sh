content of scripts/setup.sh
