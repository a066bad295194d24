module errcat.dev/errcat

go 1.22
