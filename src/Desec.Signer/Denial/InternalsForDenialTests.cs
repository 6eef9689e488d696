using System.Runtime.CompilerServices;

// The denial tests reach Nsec3ChainBuilder.CheckCollisions with made-up entries: a real SHA-1
// collision between two owner names is not at hand.
[assembly: InternalsVisibleTo("Desec.Signer.Denial.Tests")]
