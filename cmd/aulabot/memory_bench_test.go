package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// idleWindow is how long the bot is left idle before its memory is read.
const idleWindow = 5 * time.Second

// BenchmarkIdleRSS builds the binary, starts "aulabot sandbox --fresh"
// (the emulator, the bot, the built-in knowledge base) and reports its
// resident memory after it has been idle for idleWindow: rss-MB (VmRSS),
// anon-MB (RssAnon: the Go heap and stacks) and file-MB (RssFile: the
// pages of the binary it read). Linux only.
func BenchmarkIdleRSS(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("needs /proc")
	}
	bin := filepath.Join(b.TempDir(), "aulabot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	var rss, anon, file float64
	for b.Loop() {
		dir := b.TempDir()
		cmd := exec.Command(bin, "sandbox", "--fresh", "--addr", "127.0.0.1:0", "--data", filepath.Join(dir, "sb.db"))
		cmd.Dir = dir
		var log syncBuffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		if !log.waitFor("aulabot running", time.Minute) {
			cmd.Process.Kill()
			b.Fatalf("the bot did not start:\n%s", log.String())
		}
		idle := time.NewTimer(idleWindow)
		<-idle.C
		st, err := procStatus(cmd.Process.Pid)
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		if err != nil {
			b.Fatal(err)
		}
		rss, anon, file = rss+st["VmRSS"], anon+st["RssAnon"], file+st["RssFile"]
	}
	n := float64(b.N) * 1024
	b.ReportMetric(rss/n, "rss-MB")
	b.ReportMetric(anon/n, "anon-MB")
	b.ReportMetric(file/n, "file-MB")
}

// procStatus reads the kB figures of /proc/PID/status.
func procStatus(pid int) (map[string]float64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if fields := strings.Fields(rest); ok && len(fields) == 2 && fields[1] == "kB" {
			out[name], _ = strconv.ParseFloat(fields[0], 64)
		}
	}
	return out, sc.Err()
}
