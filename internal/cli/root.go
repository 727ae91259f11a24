package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/rasd-project/rasd/internal/store"
)

// ExitError carries an exit code without printing anything more: the
// command has already said what went wrong.
type ExitError struct{ Code int }

func (e ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// globals are the flags every command shares.
type globals struct {
	dsn      string
	logLevel string
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
}

// NewRoot builds the command tree writing to the given streams.
func NewRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "rasd",
		Short: "rasd reads Arabic news and turns it into political event data",
		Long: `rasd (رصد, "monitoring") reads Arabic news natively — plain text, HTML,
JSON lines, RSS and Atom — recovers each article's anatomy and stores it.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return g.setupLogging()
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&g.dsn, "db", envOr("RASD_DB", "rasd.db"), "store: a SQLite file path, or a postgres:// URL (env RASD_DB)")
	root.PersistentFlags().StringVar(&g.logLevel, "log-level", "warn", "log level: debug, info, warn, error")
	root.AddCommand(newIngestCmd(g), newArticlesCmd(g), newShowCmd(g), newExtractCmd(g), newVersionCmd(g), newDictCmd(g), newTrainCmd(g), newAnalyzeCmd(g), newEvalCmd(g), newEventsCmd(g),
		newServeCmd(g), newSearchCmd(g), newReindexCmd(g), newDyadCmd(g), newAlignmentCmd(g),
		newWorkerCmd(g), newNATSCmd(g), newWatchCmd(g), newAlertsCmd(g), newCheckCmd(g), newBenchCmd(g))
	return root
}

// Execute runs rasd with the process's arguments and returns the exit code.
func Execute(ctx context.Context) int {
	root := NewRoot(os.Stdin, os.Stdout, os.Stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var exit ExitError
	if errors.As(err, &exit) {
		return exit.Code
	}
	fmt.Fprintln(os.Stderr, "rasd:", err)
	return 1
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func (g *globals) setupLogging() error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(g.logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(g.stderr, &slog.HandlerOptions{Level: level})))
	return nil
}

// withStore adapts a command body that needs the store: it opens the store
// named by --db, runs the body and closes the store.
func (g *globals) withStore(run func(ctx context.Context, st store.Store, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		st, err := store.Open(ctx, g.dsn)
		if err != nil {
			return err
		}
		defer st.Close()
		return run(ctx, st, args)
	}
}

// isTerminal reports whether w is a terminal, for progress bars and colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// truncate shortens s to n runes with an ellipsis.
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// output opens the file named by an --out flag, or standard output for "".
// The close function reports a failed write of the file's last bytes.
func (g *globals) output(path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return g.stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}
