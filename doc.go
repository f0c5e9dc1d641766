// Package aulabot holds the domain of the bot: configuration, the people and
// roles it knows, the updates it receives, the messages it sends and the one
// error type users may see. It depends on no other package of the module;
// store/, bot/, handlers/ and knowledge/ build on it.
package aulabot
