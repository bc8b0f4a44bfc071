// The command's usage texts: the overview and each command's --help.
export const PROFILES = ['nameprep', 'nodeprep', 'resourceprep', 'saslprep'] as const;

export const USAGE = `Usage: xmpp-wasm <command> [options]

Commands:
  parse [file|-]          parse a captured XMPP stream (raw bytes) and print its stanzas
  jid <jid>...            prepare JIDs and print their parts
  prep <profile> <string> apply a stringprep profile (${PROFILES.join(', ')})
  bench                   parse throughput on this machine, against ltx

Options:
  -v, --version           print the version
  -h, --help              this help

Run 'xmpp-wasm <command> --help' for a command's options.`;

export const HELP: Record<string, string> = {
  parse: `Usage: xmpp-wasm parse [file|-] [options]

Parses the raw bytes of one direction of an XMPP stream and prints each stanza as soon as it is
complete. The input is the file, or standard input ('-', or no file when standard input is not
a terminal); with neither, a bundled sample capture. The stream is restarted after a SASL
<success/> and wherever a new stream header follows a complete stanza. Exits 1 on a stream
error, printing its RFC 6120 condition and byte offset.

For RFC 7395 WebSocket captures, --frames gives the frames table (dir, index, opcode, fin,
masked, offset, length): each text frame is then parsed as one message, <open/> and <close/>
standing for the stream's start and end.

Options:
  --document       the input is one standalone XML document (a stanza), not a stream
  --json           one JSON object per line (events start, element, restart, end, error)
  --chunk <bytes>  feed the parser writes of at most this size (default: each read as it comes)
  --frames <tsv>   the file is WebSocket payloads; this table gives the frames' boundaries
  --dir <c2s|s2c>  the direction to take from the frames table (default: from the file name)
  --quiet          print only the summary and errors
  -h, --help       this help`,
  jid: `Usage: xmpp-wasm jid <jid>... [options]

Parses and prepares each JID (Nodeprep, Nameprep, Resourceprep) and prints its parts, or why it
is invalid. Exits 1 if any JID is invalid.

Options:
  --stored     refuse code points unassigned in Unicode 3.2 (stored strings, RFC 3454 §7)
  --json       one JSON object per JID
  -h, --help   this help`,
  prep: `Usage: xmpp-wasm prep <profile> <string> [options]

Applies a stringprep profile: ${PROFILES.join(', ')}. Prints the prepared string, or the error
and the offending code point (exit 1).

Options:
  --stored     refuse code points unassigned in Unicode 3.2
  --json       print a JSON object
  -h, --help   this help`,
  bench: `Usage: xmpp-wasm bench [options]

Parses a generated client stream (messages with non-ASCII text, presences, roster results)
with xmpp-wasm and with ltx (both building ltx Elements for each stanza) and prints MB/s.

Options:
  --size <MiB>     size of the generated stream (default 4)
  --chunk <bytes>  size of each write, like socket reads (default 4096)
  --runs <n>       timed runs per parser; the median is reported (default 5)
  --file <path>    parse this capture instead of a generated stream
  --json           print a JSON object
  -h, --help       this help`,
};
