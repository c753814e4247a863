package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

func BenchmarkWriteState(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			f := fake.New()
			for i := range n {
				if _, err := f.PutLoadBalancer(model.LoadBalancer{LoadBalancerName: fmt.Sprint(i)}); err != nil {
					b.Fatal(err)
				}
			}
			path := filepath.Join(b.TempDir(), "s.json")
			for b.Loop() {
				if err := writeState(f, path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
