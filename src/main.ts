// `npm start`: runs Wegweiser. Without channel tokens it shows what the command line can do.
import { main as cli } from "./cli/main.js";

const io = { out: (t: string) => process.stdout.write(`${t}\n`), err: (t: string) => process.stderr.write(`${t}\n`) };
io.out("Wegweiser – example: a 22-year-old with a Duldung in Kreis Heinsberg who looks for work\n");
process.exitCode = cli(["check", "--age", "22", "--status", "duldung", "--need", "arbeit", "--place", "05370"], io);
io.out("\nTry your own: npx wegweiser check --help");
