using AkoActors.KubeSim.Api;

namespace AkoActors.KubeSim.Selectors;

/// <summary>A small recursive-descent parser for the labelSelector query syntax (the grammar of k8s.io/apimachinery/pkg/labels).</summary>
internal sealed class LabelSelectorParser
{
    private readonly string _text;
    private int _pos;

    public LabelSelectorParser(string text)
    {
        _text = text;
    }

    public List<LabelRequirement> Parse()
    {
        var result = new List<LabelRequirement>();
        while (true)
        {
            SkipSpaces();
            result.Add(ParseRequirement());
            SkipSpaces();
            if (_pos >= _text.Length)
            {
                return result;
            }
            Expect(',');
        }
    }

    private LabelRequirement ParseRequirement()
    {
        if (Peek() == '!')
        {
            _pos++;
            SkipSpaces();
            return new LabelRequirement(ParseKey(), LabelOperator.DoesNotExist, []);
        }
        var key = ParseKey();
        SkipSpaces();
        if (_pos >= _text.Length || Peek() == ',')
        {
            return new LabelRequirement(key, LabelOperator.Exists, []);
        }
        if (TryConsume("==") || TryConsume("="))
        {
            return new LabelRequirement(key, LabelOperator.In, [ParseValue()]);
        }
        if (TryConsume("!="))
        {
            return new LabelRequirement(key, LabelOperator.NotIn, [ParseValue()]);
        }
        var word = ParseWord();
        var op = word switch
        {
            "in" => LabelOperator.In,
            "notin" => LabelOperator.NotIn,
            _ => throw Error($"found '{word}', expected: in, notin, =, ==, !=, or end of string"),
        };
        SkipSpaces();
        Expect('(');
        var values = new List<string>();
        while (true)
        {
            SkipSpaces();
            if (Peek() == ')')
            {
                _pos++;
                break;
            }
            values.Add(ParseValue());
            SkipSpaces();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }
            Expect(')');
            break;
        }
        return new LabelRequirement(key, op, values);
    }

    private string ParseKey()
    {
        var key = ParseWord();
        if (key.Length == 0)
        {
            throw Error("found '" + (Peek() == '\0' ? "end of string" : Peek().ToString()) + "', expected: identifier");
        }
        return key;
    }

    private string ParseValue()
    {
        SkipSpaces();
        return ParseWord();
    }

    private string ParseWord()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '_' or '.' or '/'))
        {
            _pos++;
        }
        return _text[start.._pos];
    }

    private bool TryConsume(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0)
        {
            _pos += token.Length;
            return true;
        }
        return false;
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (Peek() != c)
        {
            throw Error($"found '{(Peek() == '\0' ? "end of string" : Peek().ToString())}', expected: '{c}'");
        }
        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private ApiException Error(string detail) => ApiException.BadRequest($"unable to parse requirement: {detail} (in selector \"{_text}\")");
}
