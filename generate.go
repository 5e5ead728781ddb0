package compassdb

//go:generate bash scripts/generate.sh
