// Package cli is rasd's command line: one cobra command per file. Commands
// parse flags, call the packages that do the work and print; they hold no
// analysis logic of their own.
package cli
