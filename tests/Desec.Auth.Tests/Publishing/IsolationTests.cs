using Desec.Auth.Publishing;
using Desec.Zone.Names;

namespace Desec.Auth.Tests.Publishing;

/// <summary>
/// One zone that fails, at any step, keeps its last good version serving and is tried again with
/// back-off until it succeeds, while the other zones' changes are published as if nothing happened.
/// </summary>
public sealed class IsolationTests
{
    [Theory]
    [InlineData(PublishStep.Sign)]
    [InlineData(PublishStep.Journal)]
    [InlineData(PublishStep.Store)]
    public async Task A_zone_failing_at_a_step_keeps_its_version_another_zone_changes_and_the_retry_succeeds_later(PublishStep step)
    {
        await using var f = await PublisherFixture.StartAsync(["a.test.", "b.test."]);
        uint a0 = f.Serial("a.test.")!.Value, b0 = f.Serial("b.test.")!.Value;
        f.Observer.Fail("a.test.", step);
        f.Add("a.test.", "new");
        f.Add("b.test.", "new");
        f.Server.Reload();

        Assert.True(PublisherFixture.WaitUntil(() => f.Serves("b.test.", "new")), "the other zone's change was not served");
        Assert.NotEqual(b0, f.Serial("b.test."));
        // Tried again with back-off (0.2 s, 0.4 s, ...), failing each time, and still serving its old version.
        Assert.True(PublisherFixture.WaitUntil(() => f.Status("a.test.")?.Failures >= 3), $"not retried: {f.Status("a.test.")}");
        Assert.Equal(step, f.Status("a.test.")!.FailedStep);
        Assert.Equal(a0, f.Serial("a.test."));
        Assert.False(f.Serves("a.test.", "new"));
        // The journal never runs ahead of what a failed later step left unserved.
        if (step == PublishStep.Sign || step == PublishStep.Journal) { Assert.Null(f.Server.Journals.Get(DnsName.Parse("a.test.")).NewestSerial); }

        f.Observer.Heal("a.test.", step);
        Assert.True(PublisherFixture.WaitUntil(() => f.Serves("a.test.", "new")), $"the retry did not publish: {f.Status("a.test.")}");
        Assert.Equal(0, f.Status("a.test.")!.Failures);
        uint a1 = f.Serial("a.test.")!.Value;
        Assert.True(Desec.Signer.Signing.SerialArithmetic.IsGreater(a1, a0));
        // The served version and the journal agree: it reaches from the old serial to the new one.
        var changes = f.Server.Journals.Get(DnsName.Parse("a.test.")).ChangesBetween(a0, a1);
        Assert.NotNull(changes);
        Assert.Contains(changes.Value.Added, r => r.Owner == DnsName.Parse("new.a.test."));
        Assert.True(PublisherFixture.WaitUntil(() => f.Secondary.For("a.test.").Any(n => n.Serial == a1)), "no NOTIFY for the retried version");
    }

    [Fact]
    public async Task A_zone_whose_notify_fails_is_served_and_the_other_zones_are_notified()
    {
        await using var f = await PublisherFixture.StartAsync(["a.test.", "b.test."]);
        f.Observer.Fail("a.test.", PublishStep.Notify);
        f.Add("a.test.", "new");
        f.Add("b.test.", "new");
        f.Server.Reload();
        Assert.True(PublisherFixture.WaitUntil(() => f.Serves("a.test.", "new") && f.Serves("b.test.", "new")));
        uint b1 = f.Serial("b.test.")!.Value, a1 = f.Serial("a.test.")!.Value;
        Assert.True(PublisherFixture.WaitUntil(() => f.Secondary.For("b.test.").Any(n => n.Serial == b1)), "the other zone was not notified");
        Assert.DoesNotContain(f.Secondary.For("a.test."), n => n.Serial == a1);
    }

    [Fact]
    public async Task A_zone_failing_at_start_up_does_not_stop_the_others_and_is_served_once_it_succeeds()
    {
        await using var f = await PublisherFixture.StartAsync(["a.test.", "b.test."], before: x => x.Observer.Fail("a.test.", PublishStep.Sign));
        Assert.NotNull(f.Serial("b.test."));
        Assert.Null(f.Served("a.test."));
        Assert.Equal(PublishStep.Sign, f.Status("a.test.")!.FailedStep);
        f.Observer.Heal("a.test.", PublishStep.Sign);
        Assert.True(PublisherFixture.WaitUntil(() => f.Served("a.test.") is not null), $"not served after the retry: {f.Status("a.test.")}");
    }

    [Fact]
    public async Task A_zone_file_that_cannot_be_read_is_retried_and_served_once_it_can()
    {
        // A dangling link: the folder lists it, reading it throws.
        await using var f = await PublisherFixture.StartAsync(["a.test."],
            before: x => File.CreateSymbolicLink(x.PathOf("c.test."), Path.Combine(x.Zones, "missing", "c.test.zone")));
        Assert.NotNull(f.Serial("a.test."));
        Assert.True(PublisherFixture.WaitUntil(() => f.Status("c.test.")?.Failures >= 2), $"not retried: {f.Status("c.test.")}\n{f.Log}");
        Assert.Equal(PublishStep.Source, f.Status("c.test.")!.FailedStep);
        File.Delete(f.PathOf("c.test."));
        f.Write("c.test.", ["www"]);
        Assert.True(PublisherFixture.WaitUntil(() => f.Serves("c.test.", "www")), $"not served after the retry: {f.Status("c.test.")}");
    }

    [Fact]
    public async Task A_failing_catalog_keeps_its_version_while_the_new_member_is_served()
    {
        const string Catalog = "catalog.invalid.";
        await using var f = await PublisherFixture.StartAsync(["a.test."], catalog: Catalog);
        uint c0 = f.Serial(Catalog)!.Value;
        f.Observer.Fail(Catalog, PublishStep.Catalog);
        f.Write("b.test.", []);
        f.Server.Reload();
        Assert.True(PublisherFixture.WaitUntil(() => f.Served("b.test.") is not null));
        Assert.Equal(c0, f.Serial(Catalog));
        f.Observer.Heal(Catalog, PublishStep.Catalog);
        Assert.True(PublisherFixture.WaitUntil(() => f.Serial(Catalog) != c0), "the catalog was not retried");
        Assert.Contains(f.Served(Catalog)!.Zone.Records, r => r.Type == Desec.Zone.Records.RRType.PTR && DnsName.FromWire(r.Rdata) == DnsName.Parse("b.test."));
    }

    [Fact]
    public async Task A_failing_zone_waits_for_its_back_off_however_often_other_zones_are_published()
    {
        await using var f = await PublisherFixture.StartAsync(["a.test.", "b.test."], retry: new RetryPolicy(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)));
        f.Observer.Fail("a.test.", PublishStep.Sign);
        f.Add("a.test.", "new");
        f.Server.Reload();
        Assert.True(PublisherFixture.WaitUntil(() => f.Status("a.test.")?.Failures == 1));
        var started = DateTime.UtcNow;
        int SignsOfA() => f.Observer.Seen.Count(s => s.Zone == DnsName.Parse("a.test.") && s.Step == PublishStep.Sign);
        int signs = SignsOfA();
        // Rounds for the other zone, well within the 3 s back-off.
        for (int i = 0; i < 5; i++)
        {
            f.Add("b.test.", $"b{i}");
            f.Server.Reload();
            Assert.True(PublisherFixture.WaitUntil(() => f.Serves("b.test.", $"b{i}")));
        }
        if (DateTime.UtcNow - started < TimeSpan.FromSeconds(2.5)) { Assert.Equal(signs, SignsOfA()); }
        // Its retry comes when the back-off is over.
        Assert.True(PublisherFixture.WaitUntil(() => f.Status("a.test.")?.Failures == 2, 10), $"{f.Status("a.test.")}");
    }
}
