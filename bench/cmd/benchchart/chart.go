package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
)

// The chart: one block per benchmark, one horizontal bar per variant, its length the
// variant's metric relative to the library's on a log scale (0.1× … 1000×), so the
// library is the 1× line and every bar to its right is that many times slower.

const (
	scale     = 2 // pixels per font dot
	charW     = 6 * scale
	lineH     = 9 * scale
	labelW    = 44 * charW
	plotW     = 620
	marginX   = 16
	titleH    = lineH + 6
	barH      = 14
	rowH      = 20
	groupGap  = 14
	logMin    = -1.0 // 0.1×
	logMax    = 3.0  // 1000×
	widthPx   = marginX + labelW + plotW + 12*charW
	topMargin = 60
)

var (
	white = color.RGBA{255, 255, 255, 255}
	black = color.RGBA{20, 20, 20, 255}
	grid  = color.RGBA{210, 210, 210, 255}
	one   = color.RGBA{90, 90, 90, 255}
)

func barColor(variant string) color.RGBA {
	switch {
	case variant == "library" || strings.HasPrefix(variant, "split") && !strings.Contains(variant, "="):
		return color.RGBA{31, 119, 180, 255}
	case strings.HasPrefix(variant, "library") || strings.HasPrefix(variant, "split"):
		return color.RGBA{120, 170, 220, 255}
	case strings.HasPrefix(variant, "handwritten"):
		return color.RGBA{44, 160, 44, 255}
	case variant == "gorm":
		return color.RGBA{255, 127, 14, 255}
	case strings.HasPrefix(variant, "legacy") || variant == "shared":
		return color.RGBA{214, 39, 40, 255}
	case variant == "c-floor":
		return color.RGBA{127, 127, 127, 255}
	}
	return color.RGBA{148, 103, 189, 255}
}

func xOf(ratio float64) int {
	l := math.Log10(ratio)
	l = max(logMin, min(logMax, l))
	return marginX + labelW + int((l-logMin)/(logMax-logMin)*plotW)
}

func drawChart(w io.Writer, order []string, by map[string]map[string]*result, metric string) error {
	height := topMargin
	for _, g := range order {
		height += titleH + rowH*len(by[g]) + groupGap
	}
	height += lineH * 3
	img := image.NewRGBA(image.Rect(0, 0, widthPx, height))
	fill(img, img.Bounds(), white)

	text(img, marginX, 10, "COMPASSDB BENCHMARKS: "+strings.ToUpper(metric)+" RELATIVE TO THE LIBRARY (LOG SCALE, MEDIANS)", black)
	for _, t := range []float64{0.1, 1, 10, 100, 1000} {
		x := xOf(t)
		label := strings.TrimSuffix(fmt.Sprintf("%g", t), ".0") + "X"
		text(img, x-len(label)*charW/2, 10+lineH+6, label, black)
	}
	y := topMargin
	for _, g := range order {
		var vs []*result
		for _, r := range allResults {
			if r.group == g {
				vs = append(vs, r)
			}
		}
		ref := reference(by[g], vs)
		rv, _ := value(ref, metric)
		text(img, marginX, y+4, strings.ToUpper(g), black)
		y += titleH
		for _, r := range vs {
			v, ok := value(r, metric)
			text(img, marginX+2*charW, y+(barH-7*scale)/2, strings.ToUpper(r.variant), black)
			if ok && rv > 0 {
				ratio := v / rv
				x0, x1 := xOf(math.Pow(10, logMin)), xOf(ratio)
				fill(img, image.Rect(x0, y, max(x1, x0+1), y+barH), barColor(r.variant))
				text(img, max(x1, x0+1)+6, y+(barH-7*scale)/2, strings.ToUpper(fmtRatio(ratio)), black)
			}
			y += rowH
		}
		y += groupGap
	}
	// Grid lines over the plot area, drawn last so the 1× line stays visible.
	for _, t := range []float64{0.1, 1, 10, 100, 1000} {
		c := grid
		if t == 1 {
			c = one
		}
		x := xOf(t)
		for yy := topMargin - 4; yy < y-groupGap; yy += 3 {
			img.SetRGBA(x, yy, c)
		}
	}
	text(img, marginX, y+lineH/2, "BLUE LIBRARY (LIGHT: ITS VARIANTS), GREEN HAND-WRITTEN, ORANGE GORM, RED EXISTING SCHEMA, GREY C", black)
	return png.Encode(w, img)
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

// text draws s in the 5×7 font at (x, y), the top left corner.
func text(img *image.RGBA, x, y int, s string, c color.RGBA) {
	for _, ch := range s {
		rows, ok := font[ch]
		if !ok {
			rows = font['?']
		}
		for ry, bits := range rows {
			for rx := range 5 {
				if bits&(1<<(4-rx)) != 0 {
					fill(img, image.Rect(x+rx*scale, y+ry*scale, x+(rx+1)*scale, y+(ry+1)*scale), c)
				}
			}
		}
		x += charW
	}
}

// font is a 5×7 dot font: seven rows of five bits per character.
var font = map[rune][7]byte{
	'0': {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, '1': {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},
	'2': {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}, '3': {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E},
	'4': {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, '5': {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},
	'6': {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, '7': {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},
	'8': {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}, '9': {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C},
	'A': {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}, 'B': {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E},
	'C': {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}, 'D': {0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C},
	'E': {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}, 'F': {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10},
	'G': {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F}, 'H': {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11},
	'I': {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}, 'J': {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C},
	'K': {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}, 'L': {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F},
	'M': {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}, 'N': {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11},
	'O': {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}, 'P': {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10},
	'Q': {0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D}, 'R': {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11},
	'S': {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}, 'T': {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04},
	'U': {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}, 'V': {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04},
	'W': {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}, 'X': {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11},
	'Y': {0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04}, 'Z': {0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F},
	'×': {0x00, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x00}, ' ': {},
	'.': {0, 0, 0, 0, 0, 0x0C, 0x0C}, ',': {0, 0, 0, 0, 0x0C, 0x04, 0x08},
	'-': {0, 0, 0, 0x1F, 0, 0, 0}, '+': {0, 0x04, 0x04, 0x1F, 0x04, 0x04, 0},
	'=': {0, 0, 0x1F, 0, 0x1F, 0, 0}, '/': {0, 0x01, 0x02, 0x04, 0x08, 0x10, 0},
	':': {0, 0x0C, 0x0C, 0, 0x0C, 0x0C, 0}, '%': {0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03},
	'(': {0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02}, ')': {0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08},
	'_': {0, 0, 0, 0, 0, 0, 0x1F}, '?': {0x0E, 0x11, 0x01, 0x02, 0x04, 0, 0x04},
}
