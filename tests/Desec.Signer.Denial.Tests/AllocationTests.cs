using Desec.Zone.Names;

namespace Desec.Signer.Denial.Tests;

/// <summary>The query path's proof helpers allocate nothing (DESIGN.md: no per-packet allocation).</summary>
public class AllocationTests
{
    [Fact]
    public void Nsec3_proofs_do_not_allocate()
    {
        var chain = Rfc5155Appendix.Chain;
        var names = new[] { "a.c.x.w.example.", "ns1.example.", "mc.c.example.", "a.z.w.example.", "example." }
            .Select(n => DnsName.Parse(n).Wire.ToArray()).ToArray();
        void Run()
        {
            foreach (var name in names)
            {
                Nsec3Proofs.NameError(chain, name);
                Nsec3Proofs.NoData(chain, name);
                Nsec3Proofs.WildcardAnswer(chain, name);
            }
        }
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) { Run(); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Nsec_proofs_do_not_allocate()
    {
        var chain = NsecChainBuilder.Build(MixedZone.Zone);
        var names = new[] { "nope.example.", "x.a.b.c.example.", "b.c.example.", "foo.wild.example.", "mail.example." }
            .Select(n => DnsName.Parse(n).Wire.ToArray()).ToArray();
        void Run()
        {
            foreach (var name in names)
            {
                NsecProofs.NameError(chain, name);
                NsecProofs.NoData(chain, name);
                NsecProofs.WildcardNoData(chain, name);
            }
        }
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) { Run(); }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
