FROBNICATE accounts;
