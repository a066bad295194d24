module errcat.dev/errcat/bench

go 1.22

require errcat.dev/errcat v0.0.0

replace errcat.dev/errcat => ../../go
