package ledger

// keepCodes says which dimension codes a read keeps in its Keys
// (Options.KeepResponsibility, KeepActivity).
type keepCodes struct{ resp, act bool }

// codeIDs interns the Ansvar and Verksamhet codes a read keeps: a code is
// an int32 in the summer's slot key, so that a row costs a map look-up and
// no allocation. Id 0 is no code. The zero value is ready to use.
type codeIDs struct {
	ids   map[string]int32 // as written → id
	names []string         // id-1 → the code
}

// id is the id of a code as written (raw) whose value is code(); it
// calls code only for a code not yet seen.
func (c *codeIDs) id(raw []byte, code func() string) int32 {
	if len(raw) == 0 {
		return 0
	}
	if id, ok := c.ids[string(raw)]; ok {
		return id
	}
	if c.ids == nil {
		c.ids = map[string]int32{}
	}
	name := code()
	if name == "" {
		return 0
	}
	c.names = append(c.names, name)
	id := int32(len(c.names))
	// Not bounded like the other caches: every code is a Key of its
	// own, so the codes cannot outgrow the buckets.
	c.ids[string(raw)] = id
	return id
}

// name is the code of id, "" for 0.
func (c *codeIDs) name(id int32) string {
	if id == 0 {
		return ""
	}
	return c.names[id-1]
}

// keptCodes reads a row's Ansvar and Verksamhet codes where the read
// keeps them: a number cell gives its integer digits, as an account does;
// text is trimmed. A code that cannot be read (an error value) is no code.
func (s *summer) keptCodes(r *rowValues) (resp, act int32) {
	if s.l.keep.resp {
		resp = s.codeID(s.lay.col[fieldResponsibility], r)
	}
	if s.l.keep.act {
		act = s.codeID(s.lay.col[fieldActivity], r)
	}
	return resp, act
}

func (s *summer) codeID(col int, r *rowValues) int32 {
	if col < 0 {
		return 0
	}
	v := r.at(col)
	if v.noValue || v.tooLarge || v.badString || v.kind == kindError {
		return 0
	}
	t := s.text(v)
	return s.codes.id(t, func() string {
		if v.kind == kindNumber {
			if d, ok := accountDigits(t, true); ok {
				return d
			}
		}
		return string(trimSpace(t))
	})
}
