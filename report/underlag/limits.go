package underlag

// MaxFileBytes is the largest underlag.xlsx the reader opens: a page that
// takes the file as an upload (rapport serve) refuses a larger one before
// it is stored.
const MaxFileBytes = maxUnderlagFile
