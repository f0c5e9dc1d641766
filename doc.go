// Package aulabot holds the domain of the bot: the configuration's types
// and rules (package config reads the YAML), the people and roles it
// knows, the updates it receives, the messages it sends, conversation
// states and the one error type users may see. It depends on no other
// package of the module and on no module outside the standard library;
// every other package builds on it (docs/architecture.md).
package aulabot
