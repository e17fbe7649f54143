VACUUM audit;
