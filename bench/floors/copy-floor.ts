// Floor: Node copying stdin to stdout, nothing parsed.
process.stdin.pipe(process.stdout);
