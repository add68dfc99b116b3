// Package convarith is the arithmetic of convolutional layers, as a
// computer-vision course asks it: the output size of a layer from its
// kernel, stride, padding and dilation (Size); the layers that map one
// size to another, ranked (Design); the padding a wanted size needs, the
// memory of the parameters, the operations of one application of a
// filter and the number of applications (Count); and what a stack of
// linear convolutions amounts to: the input it needs, its receptive
// field, the one kernel it equals (computed symbolically), and why
// zero initialisation never trains (Stack).
//
// Every number comes with the formula it came from and the numbers put
// in (Formula), so the engine that computes an answer is the one that
// explains it. Convolutions are cross-correlations, as deep-learning
// libraries compute them; sizes count rows (and columns), 0-based
// offsets only inside the package.
package convarith
