"""History shared through a folder the person already syncs (Syncthing, Nextcloud, Dropbox): see docs/sync.md."""
