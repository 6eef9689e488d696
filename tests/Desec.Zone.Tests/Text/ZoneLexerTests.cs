using Desec.Zone.Text;

namespace Desec.Zone.Tests.Text;

/// <summary>RFC 1035 §5.1 lexical rules: words, comments, quotes, escapes, parentheses.</summary>
public class ZoneLexerTests
{
    private static List<ZoneEntry> Entries(string text, out IReadOnlyList<ZoneTextException> errors)
    {
        var lexer = new ZoneLexer(text, "t");
        var entries = new List<ZoneEntry>();
        while (lexer.TryReadEntry(out var entry)) { entries.Add(entry); }
        errors = lexer.TakeErrors();
        return entries;
    }

    [Fact]
    public void Parentheses_join_lines_and_comments_are_dropped()
    {
        var entries = Entries("a MX ( 10 ; preference\n  mx ) ; end\nb A 1.2.3.4\n", out var errors);
        Assert.Empty(errors);
        Assert.Equal(2, entries.Count);
        Assert.Equal(["a", "MX", "10", "mx"], entries[0].Tokens.Select(t => t.Text));
        Assert.Equal((2, 3), (entries[0].Tokens[3].Line, entries[0].Tokens[3].Column));
        Assert.Equal(3, entries[1].Line);
    }

    [Fact]
    public void Non_ascii_words_keep_their_text_and_columns_count_characters()
    {
        // The lexer reads UTF-8 octets; columns still count UTF-16 characters, as over a string.
        var entries = Entries("é\\046x 😀 \"ü\" y\n", out var errors);
        Assert.Empty(errors);
        var tokens = entries[0].Tokens;
        Assert.Equal(["é\\046x", "😀", "ü", "y"], tokens.Select(t => t.Text));
        Assert.Equal([1, 8, 11, 15], tokens.Select(t => t.Column));
        Assert.True(tokens[2].Quoted);
    }

    [Fact]
    public void Blank_start_is_reported_and_comment_only_lines_vanish()
    {
        var entries = Entries("; only a comment\n\t  A 1.2.3.4\n   \n", out _);
        var entry = Assert.Single(entries);
        Assert.True(entry.StartsWithBlank);
        Assert.Equal(2, entry.Line);
    }

    [Fact]
    public void Quoted_strings_keep_blanks_semicolons_and_escapes_but_an_escaped_quote_is_a_quote()
    {
        // As in BIND's lexer: every reader takes \" and " alike, except a $GENERATE rhs, which is lexed again.
        var entry = Assert.Single(Entries("t TXT \"a b;c \\\" d \\\\\\\" \\065\" x\\ y\n", out _));
        Assert.Equal(new Token("a b;c \" d \\\\\" \\065", true, 1, 7), entry.Tokens[2]);
        Assert.Equal(new Token("x\\ y", false, 1, 30), entry.Tokens[3]);
    }

    [Fact]
    public void Escaped_line_end_continues_a_quoted_string()
    {
        var entry = Assert.Single(Entries("t TXT \"ab\\\ncd\"\n", out var errors));
        Assert.Empty(errors);
        Assert.Equal("ab\\\ncd", entry.Tokens[2].Text);
    }

    [Fact]
    public void Crlf_is_one_line_end()
    {
        var entries = Entries("a A 1.2.3.4\r\n A 1.2.3.5\r\n\r\nb A 1.2.3.6\r\n", out var errors);
        Assert.Empty(errors);
        Assert.Equal(["A", "1.2.3.5"], entries[1].Tokens.Select(t => t.Text));
        Assert.True(entries[1].StartsWithBlank);
        Assert.Equal((2, 4), (entries[1].Line, entries[2].Line));
    }

    [Fact]
    public void A_bare_cr_ends_a_line_but_not_a_comment()
    {
        // As BIND reads files with old Mac line ends; its comments run to the next LF only.
        var entries = Entries("a A 1.2.3.4\r A 1.2.3.5\rb TXT ( x\r y )\rc TXT \"q\rq\" ; note\rd A 1.2.3.6\ne A 1.2.3.7\n", out var errors);
        Assert.Empty(errors);
        Assert.Equal(["a", "", "b", "c", "e"], entries.Select(e => e.StartsWithBlank ? "" : e.Tokens[0].Text));
        Assert.Equal(["b", "TXT", "x", "y"], entries[2].Tokens.Select(t => t.Text));
        Assert.Equal("q\rq", entries[3].Tokens[2].Text);
        Assert.Equal([1, 2, 3, 5, 6], entries.Select(e => e.Line));
    }

    [Fact]
    public void Parentheses_nest_as_in_bind()
    {
        var entries = Entries("a TXT ( ( x ) y ( ( z ) ) )\nb TXT (x)(y)\n", out var errors);
        Assert.Empty(errors);
        Assert.Equal(["a", "TXT", "x", "y", "z"], entries[0].Tokens.Select(t => t.Text));
        Assert.Equal(["b", "TXT", "x", "y"], entries[1].Tokens.Select(t => t.Text));
    }

    [Fact]
    public void A_nul_octet_outside_quotes_is_refused_and_inside_quotes_kept()
    {
        var entries = Entries("a TXT \"x\0y\" ; \0 in a comment\nb TXT x\0y\nc A 1.2.3.4\n", out var errors);
        ZoneText.AssertError(Assert.Single(errors), 2, 8, "a NUL octet in a word");
        Assert.Equal(["a", "c"], entries.Select(e => e.Tokens[0].Text));
        Assert.Equal("x\0y", entries[0].Tokens[2].Text);
    }

    [Theory]
    [InlineData("a TXT \"open\nb A 1.2.3.4\n", 1, 7, "quoted string is not closed on its line")]
    [InlineData("a TXT \"open", 1, 7, "quoted string is not closed on its line")]
    [InlineData("a A ( 1.2.3.4\nb A 1.2.3.4\n", 1, 5, "'(' is never closed")]
    [InlineData("a A 1.2.3.4 )\nb A 1.2.3.4\n", 1, 13, "')' without a matching '('")]
    [InlineData("a A ( ( 1.2.3.4 )\nb A 1.2.3.4\n", 1, 5, "'(' is never closed")]
    [InlineData("a A 1.2.3.4\\\nb A 1.2.3.4\n", 1, 12, "backslash at the end of a line")]
    public void Lexical_errors_drop_only_their_entry(string text, int line, int column, string reason)
    {
        var entries = Entries(text, out var errors);
        var error = Assert.Single(errors);
        ZoneText.AssertError(error, line, column, reason);
        Assert.All(entries, e => Assert.NotEqual("a", e.Tokens[0].Text));
        if (!reason.Contains("never closed") && text.Contains("\nb"))
        {
            Assert.Equal("b", Assert.Single(entries).Tokens[0].Text);
        }
    }

    [Fact]
    public void Tokenize_throws_the_first_error()
    {
        var e = Assert.Throws<ZoneTextException>(() => ZoneLexer.Tokenize("10 \"x", "row 7"));
        Assert.Equal("row 7:1:4: quoted string is not closed on its line (expected '\"')", e.Message);
    }
}
