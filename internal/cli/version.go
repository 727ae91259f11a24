package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/rasd-project/rasd/internal/document"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = "dev"

type versionInfo struct {
	Version        string `json:"version"`
	Commit         string `json:"commit,omitempty"`
	Go             string `json:"go"`
	DocumentSchema string `json:"document_schema"`
}

func currentVersion() versionInfo {
	v := versionInfo{Version: Version, Go: runtime.Version(), DocumentSchema: fmt.Sprintf("%s/v%d", document.Schema, document.Version)}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v.Version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				v.Commit = s.Value
			}
		}
	}
	return v
}

func newVersionCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print rasd's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v := currentVersion()
			if asJSON {
				return writeJSON(g.stdout, v)
			}
			fmt.Fprintf(g.stdout, "rasd %s (%s, %s)", v.Version, v.Go, v.DocumentSchema)
			if v.Commit != "" {
				fmt.Fprintf(g.stdout, " commit %.12s", v.Commit)
			}
			fmt.Fprintln(g.stdout)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
